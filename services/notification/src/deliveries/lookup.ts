export { recordDeliveries, resumeAwaiting, type DeliveryDraft, type DeliveryModel } from './store.js';
