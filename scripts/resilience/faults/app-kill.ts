import type { Fault } from '../harness';

export const appKill: Fault = {
  name: 'app-kill',
  async run() {
    return [];
  },
};
