import { formatMoney } from '@smartcourse/platform';
import type { FakePayment } from './store.js';

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** The fake provider's payment page, for a person trying the flow in a browser: the amount, and a form for a test card. */
export function checkoutPage(payment: FakePayment, action: string): string {
  const amount = formatMoney(payment.amountCents, payment.currency.toUpperCase());
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pay ${escape(amount)}</title></head>
<body>
<h1>Pay ${escape(amount)}</h1>
<p>${escape(payment.description)} — the fake payment provider (test mode).</p>
<p>Status: ${escape(payment.status)}</p>
<form id="pay"><label>Card number <input name="cardNumber" value="4242424242424242" autocomplete="off"></label> <button>Pay</button></form>
<p>Test cards: 4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined, 4000 0025 0000 3155 requires action (send it twice).</p>
<output id="result"></output>
<script>
document.getElementById('pay').addEventListener('submit', async (event) => {
  event.preventDefault();
  const response = await fetch(${JSON.stringify(action)}, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ cardNumber: event.target.cardNumber.value }) });
  document.getElementById('result').textContent = JSON.stringify(await response.json());
});
</script>
</body></html>`;
}
