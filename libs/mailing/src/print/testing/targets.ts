/** Made-up print targets for tests. Every name, address and number here is fictitious. */
import type { PrintTarget } from '../print-target';

/** A 23-digit 申請書ID from a small number. */
export const testApplicationId = (n: number): string => String(n).padStart(23, '0');

/** A valid fictitious target; `n` makes the IDs and insured number unique. */
export function testTarget(n: number, overrides: Partial<PrintTarget> = {}): PrintTarget {
  return {
    applicationId: testApplicationId(n),
    placeholder: false,
    qrData: `QR-${testApplicationId(n)}`,
    municipalityCode: '011002',
    insuredNumber: String(10000000 + n),
    name: '北海 太郎',
    nameKana: 'ホッカイ タロウ',
    birthDate: '1940-03-02',
    sex: 'male',
    postalCode: '0600001',
    address: `北海道札幌市中央区北1条西2丁目${n}番地`,
    delivery: null,
    ...overrides,
  };
}
