export { addEntry, deleteInbox, unreadCount, type InboxEntry, type InboxModels } from './store.js';
export { notificationView } from './views.js';
export type { Pusher } from './push.js';
