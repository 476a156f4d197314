import { dashboardAllowed } from './router';

describe('dashboardAllowed', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.10.0.3', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['192.0.2.2', false],
    ['::ffff:192.0.2.2', false],
    ['fd00::2', false],
    ['::12', false],
    [undefined, false],
  ])('by default, answers a client at %s: %s', (address, allowed) => {
    expect(dashboardAllowed('loopback', address)).toBe(allowed);
  });

  it("answers everyone with 'any', no one with false", () => {
    expect(dashboardAllowed('any', '192.0.2.2')).toBe(true);
    expect(dashboardAllowed(false, '127.0.0.1')).toBe(false);
  });
});
