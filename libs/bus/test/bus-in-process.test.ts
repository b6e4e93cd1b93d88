import { type Bus, createInProcessBroker } from '../src/index.js';
import { registerBusContract } from './bus-contract.js';

registerBusContract('in-process', async (t, options) => {
  const broker = createInProcessBroker(options);
  const opened: Bus[] = [];
  t.after(async () => {
    await Promise.all(opened.map((bus) => bus.close()));
    broker.close();
  });
  return {
    open() {
      const bus = broker.connect({ name: 'contract' });
      opened.push(bus);
      return Promise.resolve(bus);
    },
  };
});
