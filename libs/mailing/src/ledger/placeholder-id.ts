/**
 * A placeholder 申請書ID for a person whose J-LIS ID has not arrived yet: 23 digits, `9999999` + campaign
 * (8 digits) + 被保険者番号 (8 digits), unique per person per campaign like the ledger row it sits in.
 * Flagged `placeholder` everywhere, so a real release refuses it.
 */
export function placeholderApplicationId(campaignId: number, insuredNumber: string): string {
  return `9999999${String(campaignId).padStart(8, '0')}${insuredNumber.padStart(8, '0')}`;
}
