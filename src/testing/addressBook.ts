/**
 * Real place, street, people, company and product names in four scripts — Latin, Persian,
 * Cyrillic and Bengali — for the fast-check arbitraries of `ordermachine/testing`. Plain data: the
 * arbitraries pick from it, so generated addresses and customers read like real ones.
 *
 * @module
 * @internal
 */
import type { Locale } from '../model/locale.js';
import type { AddressScript } from './AddressScript.js';

/** Every script, in a fixed order. */
export const SCRIPTS: readonly AddressScript[] = ['latin', 'persian', 'cyrillic', 'bengali'];

/** The script each customer language is written in. */
export const SCRIPT_OF_LOCALE: Readonly<Record<Locale, AddressScript>> = { en: 'latin', fa: 'persian', ru: 'cyrillic', bn: 'bengali' };

const nativeDigits = (zero: number) => (n: number | string) => String(n).replace(/[0-9]/g, (d) => String.fromCodePoint(zero + Number(d)));
/** Writes a number with Persian digits (۰–۹), as Iranian addresses do. */
export const persianDigits = nativeDigits(0x06f0);
/** Writes a number with Bengali digits (০–৯), as Bangladeshi addresses do. */
export const bengaliDigits = nativeDigits(0x09e6);

/** A town with its postal codes, and for big cities the neighbourhoods an address names. */
export interface Place {
  readonly city: string;
  readonly region?: string;
  readonly postalCodes: readonly string[];
  readonly areas?: readonly string[];
}

/** How one country writes its addresses and phone numbers. */
export interface CountryBook {
  readonly country: string;
  readonly script: AddressScript;
  readonly places: readonly Place[];
  readonly streets: readonly string[];
  /** The first address line from a street, a house number, an area and a second number (flat, alley…). */
  readonly line1: (street: string, house: number, area: string | undefined, other: number) => string;
  /** The second address line (flat, floor) from a number. */
  readonly line2: (n: number) => string;
  /** E.164 prefixes of mobile numbers; `subscriberDigits` random digits follow. */
  readonly phonePrefixes: readonly string[];
  readonly subscriberDigits: number;
}

const US: CountryBook = {
  country: 'US',
  script: 'latin',
  places: [
    { city: 'Springfield', region: 'IL', postalCodes: ['62701', '62704'] },
    { city: 'Portland', region: 'OR', postalCodes: ['97201', '97209'] },
    { city: 'Austin', region: 'TX', postalCodes: ['78701', '78704'] },
    { city: 'Denver', region: 'CO', postalCodes: ['80202', '80205'] },
    { city: 'Boston', region: 'MA', postalCodes: ['02108', '02116'] },
    { city: 'Seattle', region: 'WA', postalCodes: ['98101', '98109'] },
  ],
  streets: ['Main Street', 'Oak Avenue', 'Maple Drive', 'Elm Street', 'Washington Boulevard', 'Pine Street', 'Cedar Lane', 'Park Avenue'],
  line1: (street, house) => `${house} ${street}`,
  line2: (n) => `Apt ${n}`,
  phonePrefixes: ['+1415', '+1212', '+1512', '+1303', '+1617'],
  subscriberDigits: 7,
};

const GB: CountryBook = {
  country: 'GB',
  script: 'latin',
  places: [
    { city: 'London', postalCodes: ['SW1A 1AA', 'EC1A 1BB', 'W1D 3QF', 'N1 9GU'] },
    { city: 'Manchester', postalCodes: ['M1 1AE', 'M4 5JD'] },
    { city: 'Leeds', postalCodes: ['LS1 4AP', 'LS6 2AB'] },
    { city: 'Edinburgh', postalCodes: ['EH1 1YZ', 'EH3 9DR'] },
    { city: 'Bristol', postalCodes: ['BS1 4DJ', 'BS8 1TH'] },
  ],
  streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'Kings Road', 'Mill Lane', 'Queen Street'],
  line1: (street, house) => `${house} ${street}`,
  line2: (n) => `Flat ${n}`,
  phonePrefixes: ['+447700', '+447911', '+447400'],
  subscriberDigits: 6,
};

const DE: CountryBook = {
  country: 'DE',
  script: 'latin',
  places: [
    { city: 'Berlin', postalCodes: ['10115', '10117', '10435'] },
    { city: 'Hamburg', postalCodes: ['20095', '20144'] },
    { city: 'München', region: 'Bayern', postalCodes: ['80331', '80469'] },
    { city: 'Köln', region: 'Nordrhein-Westfalen', postalCodes: ['50667', '50672'] },
    { city: 'Frankfurt am Main', region: 'Hessen', postalCodes: ['60311', '60594'] },
    { city: 'Leipzig', region: 'Sachsen', postalCodes: ['04109', '04275'] },
  ],
  streets: ['Hauptstraße', 'Bahnhofstraße', 'Schillerstraße', 'Goethestraße', 'Gartenweg', 'Lindenallee', 'Friedrichstraße'],
  line1: (street, house) => `${street} ${house}`,
  line2: (n) => `Wohnung ${n}`,
  phonePrefixes: ['+49151', '+49170', '+49176'],
  subscriberDigits: 8,
};

const IR: CountryBook = {
  country: 'IR',
  script: 'persian',
  places: [
    { city: 'تهران', region: 'تهران', postalCodes: ['1434843513', '1966734561', '1591634311'] },
    { city: 'اصفهان', region: 'اصفهان', postalCodes: ['8174673441', '8158968111'] },
    { city: 'شیراز', region: 'فارس', postalCodes: ['7134814336', '7194684795'] },
    { city: 'مشهد', region: 'خراسان رضوی', postalCodes: ['9177948974', '9186153431'] },
    { city: 'تبریز', region: 'آذربایجان شرقی', postalCodes: ['5166616471', '5157944533'] },
    { city: 'کرج', region: 'البرز', postalCodes: ['3155674711', '3146783564'] },
    { city: 'رشت', region: 'گیلان', postalCodes: ['4193833697', '4144635111'] },
    { city: 'یزد', region: 'یزد', postalCodes: ['8915713456', '8916978477'] },
  ],
  streets: ['خیابان ولیعصر', 'خیابان انقلاب', 'خیابان آزادی', 'بلوار کشاورز', 'خیابان شریعتی', 'خیابان فردوسی', 'خیابان حافظ', 'خیابان بهار', 'بلوار امام خمینی'],
  line1: (street, house, _area, alley) =>
    `${street}، کوچه ${['نسترن', 'لاله', 'یاس', 'اقاقیا', 'بنفشه', 'گلستان'][alley % 6]}، پلاک ${persianDigits(house)}`,
  line2: (n) => `طبقه ${persianDigits(1 + (n % 6))}، واحد ${persianDigits(n)}`,
  phonePrefixes: ['+98912', '+98935', '+98919', '+98901'],
  subscriberDigits: 7,
};

const RU: CountryBook = {
  country: 'RU',
  script: 'cyrillic',
  places: [
    { city: 'Москва', postalCodes: ['101000', '125009', '119019'] },
    { city: 'Санкт-Петербург', postalCodes: ['190000', '191186'] },
    { city: 'Новосибирск', region: 'Новосибирская область', postalCodes: ['630099', '630007'] },
    { city: 'Екатеринбург', region: 'Свердловская область', postalCodes: ['620014', '620075'] },
    { city: 'Казань', region: 'Республика Татарстан', postalCodes: ['420111', '420015'] },
    { city: 'Нижний Новгород', region: 'Нижегородская область', postalCodes: ['603005', '603000'] },
    { city: 'Самара', region: 'Самарская область', postalCodes: ['443099', '443010'] },
    { city: 'Ростов-на-Дону', region: 'Ростовская область', postalCodes: ['344002', '344010'] },
  ],
  streets: ['ул. Ленина', 'ул. Советская', 'ул. Мира', 'ул. Гагарина', 'ул. Пушкина', 'ул. Садовая', 'ул. Молодёжная', 'ул. Лесная', 'пр-т Победы'],
  line1: (street, house, _area, flat) => `${street}, д. ${house}, кв. ${1 + (flat % 180)}`,
  line2: (n) => `подъезд ${1 + (n % 8)}, этаж ${1 + (n % 16)}`,
  phonePrefixes: ['+7916', '+7903', '+7925', '+7981', '+7912'],
  subscriberDigits: 7,
};

const BD: CountryBook = {
  country: 'BD',
  script: 'bengali',
  places: [
    { city: 'ঢাকা', region: 'ঢাকা বিভাগ', postalCodes: ['1205', '1212', '1216', '1230'], areas: ['ধানমন্ডি', 'গুলশান', 'মিরপুর', 'উত্তরা', 'বনানী', 'মোহাম্মদপুর'] },
    { city: 'চট্টগ্রাম', region: 'চট্টগ্রাম বিভাগ', postalCodes: ['4100', '4203'], areas: ['আগ্রাবাদ', 'পাঁচলাইশ', 'হালিশহর'] },
    { city: 'খুলনা', region: 'খুলনা বিভাগ', postalCodes: ['9100', '9000'], areas: ['সোনাডাঙ্গা', 'খালিশপুর'] },
    { city: 'রাজশাহী', region: 'রাজশাহী বিভাগ', postalCodes: ['6000', '6202'], areas: ['উপশহর', 'সাহেব বাজার'] },
    { city: 'সিলেট', region: 'সিলেট বিভাগ', postalCodes: ['3100'], areas: ['জিন্দাবাজার', 'আম্বরখানা', 'উপশহর'] },
  ],
  streets: ['রোড'],
  line1: (_street, house, area, road) => `বাড়ি ${bengaliDigits(house)}, রোড ${bengaliDigits(1 + (road % 27))}${area ? `, ${area}` : ''}`,
  line2: (n) => `ফ্ল্যাট ${bengaliDigits(1 + (n % 9))}${['এ', 'বি', 'সি'][n % 3]}`,
  phonePrefixes: ['+88017', '+88018', '+88019', '+88015', '+88013'],
  subscriberDigits: 8,
};

/** The countries whose addresses each script writes. */
export const COUNTRIES: Readonly<Record<AddressScript, readonly CountryBook[]>> = {
  latin: [US, GB, DE],
  persian: [IR],
  cyrillic: [RU],
  bengali: [BD],
};

/** A name as it is written and as it goes into an e-mail address. */
export interface Spelled {
  readonly native: string;
  readonly latin: string;
}

/** Given and family names of one language. Russian family names agree with the given name's gender. */
export interface NameBook {
  readonly given: readonly (Spelled & { readonly female: boolean })[];
  readonly family: readonly (Spelled & { readonly feminine?: string })[];
  readonly emailDomains: readonly string[];
  readonly companies: readonly string[];
  readonly taxIds: readonly string[];
}

/** People's names, e-mail domains and companies per customer language. */
export const NAMES: Readonly<Record<Locale, NameBook>> = {
  en: {
    given: [
      { native: 'Emily', latin: 'emily', female: true },
      { native: 'James', latin: 'james', female: false },
      { native: 'Olivia', latin: 'olivia', female: true },
      { native: 'Noah', latin: 'noah', female: false },
      { native: 'Sophie', latin: 'sophie', female: true },
      { native: 'Lukas', latin: 'lukas', female: false },
      { native: 'Charlotte', latin: 'charlotte', female: true },
      { native: 'Ben', latin: 'ben', female: false },
    ],
    family: [
      { native: 'Carter', latin: 'carter' },
      { native: 'Smith', latin: 'smith' },
      { native: 'Johnson', latin: 'johnson' },
      { native: 'Müller', latin: 'mueller' },
      { native: 'Schmidt', latin: 'schmidt' },
      { native: 'Taylor', latin: 'taylor' },
      { native: "O'Brien", latin: 'obrien' },
      { native: 'Walker', latin: 'walker' },
    ],
    emailDomains: ['example.com', 'example.co.uk', 'example.de'],
    companies: ['Acme Trading Ltd', 'Northwind Traders Inc.', 'Blue Harbor Supplies LLC', 'Müller & Söhne GmbH'],
    taxIds: ['GB123456789', 'DE811234567', '12-3456789'],
  },
  fa: {
    given: [
      { native: 'سارا', latin: 'sara', female: true },
      { native: 'مریم', latin: 'maryam', female: true },
      { native: 'علی', latin: 'ali', female: false },
      { native: 'محمد', latin: 'mohammad', female: false },
      { native: 'رضا', latin: 'reza', female: false },
      { native: 'زهرا', latin: 'zahra', female: true },
      { native: 'نگار', latin: 'negar', female: true },
      { native: 'امیر', latin: 'amir', female: false },
    ],
    family: [
      { native: 'احمدی', latin: 'ahmadi' },
      { native: 'محمدی', latin: 'mohammadi' },
      { native: 'رضایی', latin: 'rezaei' },
      { native: 'حسینی', latin: 'hosseini' },
      { native: 'کریمی', latin: 'karimi' },
      { native: 'موسوی', latin: 'mousavi' },
      { native: 'جعفری', latin: 'jafari' },
      { native: 'صادقی', latin: 'sadeghi' },
    ],
    emailDomains: ['example.ir', 'example.com'],
    companies: ['شرکت بازرگانی آریا', 'شرکت پخش البرز', 'فروشگاه زنجیره‌ای افق', 'شرکت صنایع غذایی مهرگان'],
    taxIds: ['10101234567', '14003456789'],
  },
  ru: {
    given: [
      { native: 'Иван', latin: 'ivan', female: false },
      { native: 'Дмитрий', latin: 'dmitry', female: false },
      { native: 'Сергей', latin: 'sergey', female: false },
      { native: 'Алексей', latin: 'alexey', female: false },
      { native: 'Анна', latin: 'anna', female: true },
      { native: 'Мария', latin: 'maria', female: true },
      { native: 'Ольга', latin: 'olga', female: true },
      { native: 'Елена', latin: 'elena', female: true },
    ],
    family: [
      { native: 'Иванов', feminine: 'Иванова', latin: 'ivanov' },
      { native: 'Смирнов', feminine: 'Смирнова', latin: 'smirnov' },
      { native: 'Кузнецов', feminine: 'Кузнецова', latin: 'kuznetsov' },
      { native: 'Попов', feminine: 'Попова', latin: 'popov' },
      { native: 'Соколов', feminine: 'Соколова', latin: 'sokolov' },
      { native: 'Петров', feminine: 'Петрова', latin: 'petrov' },
      { native: 'Волков', feminine: 'Волкова', latin: 'volkov' },
    ],
    emailDomains: ['example.ru', 'example.com'],
    companies: ['ООО «Ромашка»', 'АО «Северная звезда»', 'ООО «Вектор»', 'ООО «Сибирские промыслы»'],
    taxIds: ['7701234567', '5407123456'],
  },
  bn: {
    given: [
      { native: 'রহিম', latin: 'rahim', female: false },
      { native: 'করিম', latin: 'karim', female: false },
      { native: 'ফাতেমা', latin: 'fatema', female: true },
      { native: 'আয়েশা', latin: 'ayesha', female: true },
      { native: 'তানভীর', latin: 'tanvir', female: false },
      { native: 'নুসরাত', latin: 'nusrat', female: true },
      { native: 'সাকিব', latin: 'sakib', female: false },
      { native: 'শারমিন', latin: 'sharmin', female: true },
    ],
    family: [
      { native: 'উদ্দিন', latin: 'uddin' },
      { native: 'আহমেদ', latin: 'ahmed' },
      { native: 'হোসেন', latin: 'hossain' },
      { native: 'ইসলাম', latin: 'islam' },
      { native: 'রহমান', latin: 'rahman' },
      { native: 'চৌধুরী', latin: 'chowdhury' },
      { native: 'খান', latin: 'khan' },
    ],
    emailDomains: ['example.com.bd', 'example.com'],
    companies: ['রহমান ট্রেডার্স লিমিটেড', 'মেঘনা এন্টারপ্রাইজ', 'পদ্মা ফুডস লিমিটেড', 'ঢাকা টেক্সটাইল লিমিটেড'],
    taxIds: ['000123456-0101', '001234567-0203'],
  },
};

/** A product with its name in each language; food and hygiene goods are not taken back. */
export interface Product {
  readonly sku: string;
  readonly name: Readonly<Record<Locale, string>>;
  readonly returnable: boolean;
}

/** A small shop's catalogue, named in English, Persian, Russian and Bengali. */
export const PRODUCTS: readonly Product[] = [
  {
    sku: 'TEA-GREEN-250',
    name: { en: 'Organic green tea, 250 g', fa: 'چای سبز ارگانیک ۲۵۰ گرمی', ru: 'Чай зелёный органический, 250 г', bn: 'অর্গানিক সবুজ চা, ২৫০ গ্রাম' },
    returnable: false,
  },
  {
    sku: 'POT-CERAMIC',
    name: { en: 'Ceramic teapot', fa: 'قوری سرامیکی', ru: 'Заварочный чайник, керамика', bn: 'সিরামিকের চায়ের কেটলি' },
    returnable: true,
  },
  {
    sku: 'SCARF-WOOL',
    name: { en: 'Wool scarf', fa: 'شال‌گردن پشمی', ru: 'Шерстяной шарф', bn: 'পশমের মাফলার' },
    returnable: true,
  },
  {
    sku: 'SHOES-RUN-42',
    name: { en: 'Running shoes, size 42', fa: 'کفش ورزشی سایز ۴۲', ru: 'Кроссовки для бега, размер 42', bn: 'দৌড়ের জুতা, সাইজ ৪২' },
    returnable: true,
  },
  {
    sku: 'HONEY-500',
    name: { en: 'Wildflower honey, 500 g', fa: 'عسل طبیعی ۵۰۰ گرمی', ru: 'Мёд цветочный, 500 г', bn: 'খাঁটি ফুলের মধু, ৫০০ গ্রাম' },
    returnable: false,
  },
  {
    sku: 'LAMP-DESK-LED',
    name: { en: 'LED desk lamp', fa: 'چراغ مطالعهٔ ال‌ای‌دی', ru: 'Настольная светодиодная лампа', bn: 'এলইডি টেবিল ল্যাম্প' },
    returnable: true,
  },
  {
    sku: 'SAFFRON-1G',
    name: { en: 'Saffron threads, 1 g', fa: 'زعفران سرگل ۱ گرمی', ru: 'Шафран, 1 г', bn: 'জাফরান, ১ গ্রাম' },
    returnable: false,
  },
  {
    sku: 'SHAWL-COTTON',
    name: { en: 'Hand-woven cotton shawl', fa: 'شال نخی دست‌باف', ru: 'Хлопковая шаль ручной работы', bn: 'হাতে বোনা সুতির শাল' },
    returnable: true,
  },
];
