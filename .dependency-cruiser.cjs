/** Import rules of the architecture, checked on every test run (`npm run depcheck`). */
module.exports = {
  forbidden: [
    {
      name: 'service-to-service',
      comment: 'Services never import other services; state crosses as events, queries as HTTP.',
      severity: 'error',
      from: { path: '^services/(?!platform/)([^/]+)/' },
      to: { path: '^services/(?!platform/)([^/]+)/', pathNot: '^services/$1/' },
    },
    {
      name: 'platform-imports-no-service',
      comment: 'The platform kit is shared by every service and knows none of them.',
      severity: 'error',
      from: { path: '^services/platform/' },
      to: { path: '^(services/(?!platform/)|gateway/)' },
    },
    {
      name: 'gateway-imports-no-service',
      comment: 'The gateway talks to services over Kafka and HTTP only.',
      severity: 'error',
      from: { path: '^gateway/' },
      to: { path: '^services/(?!platform/)' },
    },
    {
      name: 'contracts-import-nothing-ours',
      comment: 'Contracts are what crosses process boundaries; they depend on no code of ours.',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { path: '^(services|gateway|infrastructure)/' },
    },
    {
      name: 'store-is-its-features-only',
      comment:
        "A feature's store is the one place its tables are queried; other features call its functions by the store's own names. " +
        "A store therefore uses no other feature's store or handlers, only the types of another feature's rules.",
      severity: 'error',
      // The platform is one library whose folders are its modules, not features of a service.
      from: { path: '^services/[^/]+/src/([^/]+)/store\\.ts$', pathNot: '^services/platform/' },
      to: { path: '^services/[^/]+/src/[^/]+/', pathNot: ['^services/[^/]+/src/$1/', '^services/[^/]+/src/[^/]+/rules\\.ts$'] },
    },
    {
      name: 'operator-starts-light',
      comment:
        "scripts/sc starts anew for every command: its files import the kit's and the contracts' subpaths, " +
        'and the whole kit or a connection to the broker only inside an action, with import().',
      severity: 'error',
      from: { path: '^scripts/operator/' },
      to: {
        path: '^(services/platform/src/index|contracts/src/index|scripts/operator/connection)\\.ts$',
        dependencyTypesNot: ['type-only', 'dynamic-import'],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|\\.run/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    preserveSymlinks: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
