// The fake and its options
export { KmsFake } from './kmsFake';
export type { KmsFakeOptions, KmsFakePluginOptions, HasMiddlewareStack } from './kmsFake';
export type { TimeSource } from './backend/clock';

// The plugin's parts, for users who compose stacks themselves
export { getKmsFakePlugin, kmsFakeMiddleware, kmsFakeMiddlewareOptions } from './plugin/kmsFakeMiddleware';
export type { RegionProvider } from './plugin/kmsFakeMiddleware';

// What the fake implements
export { IMPLEMENTED_OPERATIONS } from './backend/operations';
