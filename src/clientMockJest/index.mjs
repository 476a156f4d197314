// The ESM form of `kms-fake/client-mock-jest`: aws-sdk-client-mock-jest's matchers, registered on import.
import 'aws-sdk-client-mock-jest';
