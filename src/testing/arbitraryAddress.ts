import fc from 'fast-check';
import type { Address } from '../model/address.js';
import { COUNTRIES, SCRIPTS, type CountryBook } from './addressBook.js';
import type { AddressScript } from './AddressScript.js';
import { arbitraryPersonName } from './arbitraryPersonName.js';

/** Options of {@link arbitraryAddress}. */
export interface ArbitraryAddressOptions {
  /** The writing system: `latin` (US, GB, DE), `persian` (IR), `cyrillic` (RU) or `bengali` (BD); default: any. */
  readonly script?: AddressScript;
  /** The addressee's name; default: a name written in the same script. */
  readonly name?: string;
}

/** Digits for a phone number: `count` random digits after the prefix. */
const digits = (count: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: count, maxLength: count }).map((d) => d.join(''));

function addressIn(book: CountryBook, name: string | undefined): fc.Arbitrary<Address> {
  return fc
    .record({
      place: fc.constantFrom(...book.places),
      street: fc.constantFrom(...book.streets),
      house: fc.integer({ min: 1, max: 240 }),
      other: fc.nat({ max: 1000 }),
      pick: fc.nat({ max: 1000 }),
      person: name === undefined ? arbitraryPersonName(book.script) : fc.constant(name),
      line2: fc.option(fc.integer({ min: 1, max: 120 }), { freq: 3 }),
      region: fc.boolean(),
      phone: fc.option(fc.tuple(fc.constantFrom(...book.phonePrefixes), digits(book.subscriberDigits)), { freq: 2 }),
    })
    .map(({ place, street, house, other, pick, person, line2, region, phone }) => {
      const areas = place.areas ?? [];
      const area = areas.length > 0 ? areas[pick % areas.length] : undefined;
      const postalCode = place.postalCodes[pick % place.postalCodes.length] as string;
      return {
        name: person,
        line1: book.line1(street, house, area, other),
        ...(line2 === null ? {} : { line2: book.line2(line2) }),
        city: place.city,
        ...(region && place.region !== undefined ? { region: place.region } : {}),
        postalCode,
        country: book.country,
        ...(phone === null ? {} : { phone: phone.join('') }),
      };
    });
}

/**
 * A fast-check arbitrary of real-looking postal addresses, written the way each country writes
 * them: Latin script (United States, United Kingdom, Germany), Persian (Iran, with Persian digits:
 * «خیابان ولیعصر، کوچه نسترن، پلاک ۱۲»), Cyrillic (Russia: «ул. Ленина, д. 5, кв. 12») or
 * Bengali (Bangladesh: «বাড়ি ১২, রোড ৫, ধানমন্ডি»). Cities, streets, postal codes and names come
 * from word lists of real places and people, never from random code points. Every value passes
 * the `Address` schema.
 *
 * @param options - `script` (default: any of the four) and an optional fixed `name`
 * @returns the arbitrary
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { Address } from 'ordermachine';
 * import { arbitraryAddress } from 'ordermachine/testing';
 *
 * fc.assert(fc.property(arbitraryAddress({ script: 'persian' }), (address) => Address.safeParse(address).success && address.country === 'IR'));
 * ```
 */
export function arbitraryAddress(options: ArbitraryAddressOptions = {}): fc.Arbitrary<Address> {
  const scripts = options.script === undefined ? SCRIPTS : [options.script];
  const books = scripts.flatMap((script) => COUNTRIES[script]);
  if (books.length === 0) throw new RangeError(`arbitraryAddress: unknown script ${JSON.stringify(options.script)} (use ${SCRIPTS.join(', ')})`);
  return fc.oneof(...books.map((book) => addressIn(book, options.name)));
}
