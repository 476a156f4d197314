// The types of `kms-fake/client-mock` for `import`: the same as for `require`.
export * from '../clientMock/index.js';
