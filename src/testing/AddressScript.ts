/** The writing system of an address: Latin (en), Persian (fa), Cyrillic (ru) or Bengali (bn). */
export type AddressScript = 'latin' | 'persian' | 'cyrillic' | 'bengali';
