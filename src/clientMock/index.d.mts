// The types of `kms-fake/client-mock` for `import`: the same as for `require`, plus the default
// export that `import acm from 'aws-sdk-client-mock'` gives in Node (its CommonJS exports).
import { AwsStub, CommandBehavior, mockClient } from '../clientMock/index.js';

export * from '../clientMock/index.js';

declare const clientMock: {
  readonly mockClient: typeof mockClient;
  readonly AwsStub: typeof AwsStub;
  readonly CommandBehavior: typeof CommandBehavior;
};
export default clientMock;
