import type { TestProject } from 'vitest/node';

import { createTemplateDatabase, dropDatabase } from '../helpers/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = await createTemplateDatabase();
  project.provide('templateDatabase', template);

  return async () => {
    await dropDatabase(template);
  };
}
