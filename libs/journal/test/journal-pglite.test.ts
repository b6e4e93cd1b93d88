import { after } from 'node:test';
import { journalContract } from './journal-contract.js';
import { repositoryContract } from './repository-contract.js';
import { pgliteTestDriver } from './test-drivers.js';

const driver = pgliteTestDriver();
after(() => driver.dispose());
journalContract(driver);
repositoryContract(driver);
