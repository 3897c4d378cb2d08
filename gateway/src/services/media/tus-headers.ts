/** The tus 1.0 headers a client sends (beside Content-Type and Content-Length), passed on to the media service. */
export const tusRequestHeaders = ['Tus-Resumable', 'Upload-Length', 'Upload-Metadata', 'Upload-Offset', 'Upload-Defer-Length'];

/** The tus 1.0 headers the media service answers, passed back to the client; `File-Id` names the file once the last byte is in. */
export const tusResponseHeaders = [
  'Tus-Resumable',
  'Tus-Version',
  'Tus-Extension',
  'Tus-Max-Size',
  'Upload-Offset',
  'Upload-Length',
  'Upload-Metadata',
  'Upload-Expires',
  'File-Id',
];
