import type { Fault } from '../harness';

export const hostileClients: Fault = {
  name: 'hostile-clients',
  async run() {
    return [];
  },
};
