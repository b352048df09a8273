import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { EMPTY_SHA256, amzDate, signV4, uriEncode } from './sigv4';

// Published vectors: AWS's SigV4 test suite (get-vanilla, get-vanilla-query-order-key-case)
// and the S3 API reference's header-signing examples (GET object with Range, PUT object).
const SUITE = {
  region: 'us-east-1',
  service: 'service',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  amzDate: '20150830T123600Z',
};
const S3_DOCS = {
  region: 'us-east-1',
  service: 's3',
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  amzDate: '20130524T000000Z',
};
const signature = (authorization: string) => authorization.split('Signature=')[1];

describe('signV4', () => {
  it('matches the AWS test suite get-vanilla signature', () => {
    const auth = signV4({
      ...SUITE,
      method: 'GET',
      url: new URL('https://example.amazonaws.com/'),
      headers: { Host: 'example.amazonaws.com', 'X-Amz-Date': SUITE.amzDate },
      payloadHash: EMPTY_SHA256,
    });

    expect(auth).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ' +
        'SignedHeaders=host;x-amz-date, ' +
        'Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
  });

  it('sorts query parameters as in get-vanilla-query-order-key-case', () => {
    const auth = signV4({
      ...SUITE,
      method: 'GET',
      url: new URL('https://example.amazonaws.com/?Param2=value2&Param1=value1'),
      headers: { host: 'example.amazonaws.com', 'x-amz-date': SUITE.amzDate },
      payloadHash: EMPTY_SHA256,
    });

    expect(signature(auth)).toBe(
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    );
  });

  it('matches the S3 reference GET object example', () => {
    const auth = signV4({
      ...S3_DOCS,
      method: 'GET',
      url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
      headers: {
        host: 'examplebucket.s3.amazonaws.com',
        range: 'bytes=0-9',
        'x-amz-content-sha256': EMPTY_SHA256,
        'x-amz-date': S3_DOCS.amzDate,
      },
      payloadHash: EMPTY_SHA256,
    });

    expect(signature(auth)).toBe(
      'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('matches the S3 reference PUT object example, encoding $ in the key', () => {
    const payloadHash = createHash('sha256').update('Welcome to Amazon S3.').digest('hex');
    const auth = signV4({
      ...S3_DOCS,
      method: 'PUT',
      url: new URL('https://examplebucket.s3.amazonaws.com/test$file.text'),
      headers: {
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        host: 'examplebucket.s3.amazonaws.com',
        'x-amz-content-sha256': payloadHash,
        'x-amz-date': S3_DOCS.amzDate,
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      },
      payloadHash,
    });

    expect(signature(auth)).toBe(
      '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });

  it('encodes everything but unreserved characters, keeping slashes only in paths', () => {
    expect(uriEncode('a b/c+d$', true)).toBe('a%20b/c%2Bd%24');
    expect(uriEncode('a/b', false)).toBe('a%2Fb');
    expect(amzDate(new Date('2013-05-24T00:00:00.123Z'))).toBe('20130524T000000Z');
  });
});
