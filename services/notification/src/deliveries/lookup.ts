export { recordDelivery, resumeAwaiting, type DeliveryModel } from './store.js';
