import { describe, expect, it } from 'vitest';
import { loginClientKey } from '../../../src/domain/admin/login-attempts.js';

describe('loginClientKey', () => {
  it('counts an IPv4 client by its address, also when it arrives IPv4-mapped', () => {
    expect(loginClientKey('203.0.113.7')).toBe('203.0.113.7');
    expect(loginClientKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(loginClientKey('::FFFF:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts an IPv6 client by its /64, however the address is written', () => {
    expect(loginClientKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(loginClientKey('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(loginClientKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(loginClientKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(loginClientKey('::1')).toBe('0:0:0:0::/64');
    expect(loginClientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(loginClientKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('leaves anything that is not an IP address as it is', () => {
    expect(loginClientKey('unknown')).toBe('unknown');
  });
});
