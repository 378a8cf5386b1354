// Prints the standard England and Wales bank holidays for a year, as lines to append to
// bank-holidays-england-wales.json. Check them against https://www.gov.uk/bank-holidays first:
// proclaimed one-off holidays and moved days are not in the standard pattern.
//   npx tsx packages/core/src/clocks/print-standard-bank-holidays.ts 2031
import { standardBankHolidays } from "./bank-holidays.js";

const year = Number(process.argv[2]);
if (!Number.isInteger(year) || year < 1900 || year > 2200) {
  console.error("Give the year to print, for example: print-standard-bank-holidays.ts 2031");
  process.exit(1);
}
const lines = standardBankHolidays(year).map((h) => `    { "date": "${h.date}", "name": "${h.name}" }`);
console.log(lines.join(",\n"));
