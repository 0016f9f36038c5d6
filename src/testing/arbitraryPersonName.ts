import fc from 'fast-check';
import type { Locale } from '../model/locale.js';
import { NAMES, SCRIPT_OF_LOCALE } from './addressBook.js';
import type { AddressScript } from './AddressScript.js';

/** A person's name as written, and its Latin spelling for an e-mail address. @internal */
export interface PersonName {
  readonly native: string;
  readonly latin: string;
}

/**
 * A person's name in a language: a given name and a family name (Russian family names agree with
 * the given name: Анна Смирнова, Иван Смирнов).
 *
 * @param locale - the language
 * @internal
 */
export function arbitraryPerson(locale: Locale): fc.Arbitrary<PersonName> {
  const book = NAMES[locale];
  return fc.record({ given: fc.constantFrom(...book.given), family: fc.constantFrom(...book.family) }).map(({ given, family }) => ({
    native: `${given.native} ${given.female && family.feminine !== undefined ? family.feminine : family.native}`,
    latin: `${given.latin}.${family.latin}`,
  }));
}

/**
 * A person's name written in a script.
 *
 * @param script - the script
 * @internal
 */
export function arbitraryPersonName(script: AddressScript): fc.Arbitrary<string> {
  const locale = (Object.keys(SCRIPT_OF_LOCALE) as Locale[]).find((l) => SCRIPT_OF_LOCALE[l] === script) ?? 'en';
  return arbitraryPerson(locale).map((p) => p.native);
}
