/**
 * The fixed wording of the proof: contact numbers, how to apply, the filled-in example.
 * Kept apart from the layout so the union can review the text in one place.
 */

/** A phone line printed on the mailing. */
export interface ContactLine {
  label: string;
  number: string;
  /** Opening hours, printed under the number when given. */
  hours?: string;
}

/**
 * マイナンバー総合フリーダイヤル (the national My Number call center), which municipalities asked to have
 * printed on the mailing. MUST BE CONFIRMED against the current national guidance (デジタル庁 /
 * マイナンバーカード総合サイト) before anything is printed: numbers and hours change. Hours are left out on
 * purpose until confirmed; pass `freeDial` to `renderProofPdf` to print another number or add hours.
 */
export const MY_NUMBER_FREE_DIAL: ContactLine = {
  label: 'マイナンバー総合フリーダイヤル',
  number: '0120-95-0178',
};

/** The four ways to apply, in the order municipalities explain them. */
export const HOW_TO_APPLY: readonly { method: string; steps: string }[] = [
  { method: 'スマートフォン', steps: '申請書のQRコードを読み取り、顔写真を撮影して送信します。' },
  { method: 'パソコン', steps: '申請用WEBサイトで申請書IDを入力し、顔写真のデータを登録して送信します。' },
  { method: '証明写真機', steps: '対応する証明写真機で「マイナンバーカード申請」を選び、QRコードをかざして撮影します。' },
  { method: '郵便', steps: '申請書に署名し、顔写真を貼って、同封の返信用封筒で送ります。' },
];

/** The filled-in example (記入例): what the person writes by hand when applying by post. */
export const FILLED_IN_EXAMPLE = {
  applicationDate: '令和8年2月20日',
  phone: '011-123-4567',
  signature: '北海　花子',
  photoNote: '縦4.5cm×横3.5cm・正面・無帽・無背景・6か月以内に撮影したもの',
  notes: [
    '郵便で申請するときは、署名と顔写真の貼り付けが必要です。',
    'スマートフォン・パソコン・証明写真機で申請するときは、記入は不要です。',
    '住所や氏名が変わったときは、この申請書は使えません。市町村の窓口にご相談ください。',
  ],
} as const;
