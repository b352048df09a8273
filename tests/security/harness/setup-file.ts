import { inject } from 'vitest';

import { trustCertificate } from './http';

// Each test worker trusts the certificate the harness generated, and nothing else.
trustCertificate(inject('security').certPem);
