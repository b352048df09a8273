import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import security from 'eslint-plugin-security';

// The security plugins ship as warnings; here any finding fails lint.
const asErrors = (rules) => Object.fromEntries(Object.keys(rules).map((name) => [name, 'error']));

const config = [
  ...nextVitals,
  ...nextTs,
  security.configs.recommended,
  noUnsanitized.configs.recommended,
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'test-results/**',
      'playwright-report/**',
      '.data/**',
      '.test-data/**',
      'lib/generated/**',
      'node_modules/**',
      'next-env.d.ts',
    ],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      'no-console': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: 'MemberExpression[property.name=/^\\$(queryRawUnsafe|executeRawUnsafe)$/]',
          message: 'Raw SQL only through tagged templates ($queryRaw`...`).',
        },
        {
          selector: "CallExpression[callee.object.name='Prisma'][callee.property.name='raw']",
          message: 'Prisma.raw builds SQL from strings; use tagged templates.',
        },
      ],
      ...asErrors(security.configs.recommended.rules),
      ...asErrors(noUnsanitized.configs.recommended.rules),
      // Object-injection warnings fire on every typed index; TypeScript covers them.
      'security/detect-object-injection': 'off',
    },
  },
  {
    files: ['lib/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/app/*', '@/components/*', '**/app/*', '**/components/*'],
              message: 'lib/ may not import app/ or components/.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only lib/db may reach the root client; everything else goes through withPractice().
    // app/ and components/ may import components/ (the layering rule is for lib/ only).
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@/lib/db/client', message: 'Use withPractice() from @/lib/db/with-practice.' },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@/lib/db/client', message: 'Use withPractice() from @/lib/db/with-practice.' },
          ],
          patterns: [
            {
              group: ['@/app/*', '@/components/*'],
              message: 'lib/ may not import app/ or components/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'e2e/**', 'tests/**', 'server.ts', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
  {
    // Platform code opens files named by configuration (DATA_DIR, TLS_*_FILE), never by a request.
    files: ['lib/platform/**', 'scripts/**', 'bench/**', 'e2e/**', 'tests/**', 'server.ts'],
    rules: { 'security/detect-non-literal-fs-filename': 'off' },
  },
];

export default config;
