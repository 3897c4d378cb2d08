/** The command line a running scripts/up is recognised by (the process of its pid file). */
export const upMarker = 'scripts/commands/up.ts';
