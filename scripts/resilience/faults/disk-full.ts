import type { Fault } from '../harness';

export const diskFull: Fault = {
  name: 'disk-full',
  async run() {
    return [];
  },
};
