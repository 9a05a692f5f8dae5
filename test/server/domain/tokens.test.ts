import { createHash, createHmac, randomBytes } from 'node:crypto';
import { hmacSha256, runTokens, sha256, utf8 } from '../../../src/server/domain/tokens';

const hex = (bytes: number[]) => Buffer.from(bytes).toString('hex');
const bytesOf = (b: Buffer) => [...b];
const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('sha256', () => {
  // FIPS 180-4's examples (NIST CSRC "Examples with intermediate values", SHA256.pdf / SHA256_2.pdf) and the million-'a'
  // vector from FIPS 180-2 Appendix B.3.
  it.each([
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ])('%j', (message, digest) => {
    expect(hex(sha256(utf8(message)))).toBe(digest);
  });

  it('a million a', () => {
    expect(hex(sha256(new Array(1_000_000).fill(0x61)))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('agrees with node:crypto for random inputs of every length around the block boundaries', () => {
    for (let n = 0; n < 200; n++) {
      const m = randomBytes(n < 140 ? n : Math.floor(Math.random() * 1000));
      expect(hex(sha256(bytesOf(m)))).toBe(createHash('sha256').update(m).digest('hex'));
    }
  });
});

describe('hmacSha256', () => {
  const h = (s: string) => bytesOf(Buffer.from(s, 'hex'));
  // RFC 4231 §4.2–4.8 (test case 5, truncated output, is covered by its full value's prefix).
  it.each([
    ['0b'.repeat(20), Buffer.from('Hi There').toString('hex'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7'],
    [Buffer.from('Jefe').toString('hex'), Buffer.from('what do ya want for nothing?').toString('hex'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843'],
    ['aa'.repeat(20), 'dd'.repeat(50), '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe'],
    ['0102030405060708090a0b0c0d0e0f10111213141516171819', 'cd'.repeat(50), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b'],
    ['aa'.repeat(131), Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First').toString('hex'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54'],
    ['aa'.repeat(131), Buffer.from('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.').toString('hex'), '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2'],
  ])('RFC 4231 key %s', (key, data, mac) => {
    expect(hex(hmacSha256(h(key), h(data)))).toBe(mac);
  });

  it('RFC 4231 test case 5 (truncated to 128 bits)', () => {
    expect(hex(hmacSha256(h('0c'.repeat(20)), utf8('Test With Truncation')).slice(0, 16))).toBe('a3b6167473100ee06e0c796c2955552b');
  });

  it('agrees with node:crypto for random keys and messages', () => {
    for (let n = 0; n < 200; n++) {
      const key = randomBytes(Math.floor(Math.random() * 150));
      const msg = randomBytes(Math.floor(Math.random() * 300));
      expect(hex(hmacSha256(bytesOf(key), bytesOf(msg)))).toBe(createHmac('sha256', key).update(msg).digest('hex'));
    }
  });

  it('keys and messages as UTF-8, as node:crypto encodes strings', () => {
    const key = '秘密-🔑';
    const message = 'AG-001:2026-11-30:0 ステップワーク';
    expect(hex(hmacSha256(utf8(key), utf8(message)))).toBe(createHmac('sha256', key).update(message).digest('hex'));
  });
});

describe('utf8', () => {
  it('encodes random text (ASCII, kana, kanji, astral) as node:crypto / Buffer do', () => {
    const ranges = [[0x20, 0x7e], [0x80, 0x7ff], [0x3040, 0x30ff], [0x4e00, 0x9fff], [0x1f300, 0x1faff]] as const;
    for (let n = 0; n < 200; n++) {
      const s = String.fromCodePoint(...Array.from({ length: 1 + (n % 20) }, () => {
        const [lo, hi] = ranges[Math.floor(Math.random() * ranges.length)]!;
        return lo + Math.floor(Math.random() * (hi - lo + 1));
      }));
      expect(utf8(s)).toEqual([...Buffer.from(s, 'utf8')]);
    }
  });
});

describe('runTokens', () => {
  it('draws the secret once, lazily, and makes distinct UUID-shaped tokens for 1,000 agencies', () => {
    let draws = 0;
    const secret = randomBytes(16).toString('hex');
    const token = runTokens(() => (draws++, secret), '2026-11-30');
    expect(draws).toBe(0);
    const ids = Array.from({ length: 1000 }, (_, i) => `AG-${String(i + 1).padStart(4, '0')}`);
    const tokens = ids.map(token);
    expect(draws).toBe(1);
    expect(new Set(tokens).size).toBe(1000);
    for (const t of tokens) expect(t).toMatch(UUID4);
    // Each token is the HMAC of the secret and the record's identity, date and counter (node:crypto's HMAC, the bits
    // getUuid's shape fixes set as RFC 4122 sets them).
    const expected = createHmac('sha256', secret).update(`${ids[7]}:2026-11-30:7`).digest().subarray(0, 16);
    expected[6] = (expected[6]! & 0x0f) | 0x40;
    expected[8] = (expected[8]! & 0x3f) | 0x80;
    expect(tokens[7]!.replace(/-/g, '')).toBe(expected.toString('hex'));
  });

  it('the same agency twice in a run, or in another run, gets another token', () => {
    const a = runTokens(() => 'secret-a', 'd');
    const b = runTokens(() => 'secret-b', 'd');
    const first = a('AG-001');
    expect(a('AG-001')).not.toBe(first);
    expect(b('AG-001')).not.toBe(first);
    // The same secret and inputs give the same token (nothing else enters it): what keeps it unguessable is the secret.
    expect(runTokens(() => 'secret-a', 'd')('AG-001')).toBe(first);
  });
});
