import { after } from 'node:test';
import { journalContract } from './journal-contract.js';
import { repositoryContract } from './repository-contract.js';
import { postgresTestDriver } from './test-drivers.js';

const driver = postgresTestDriver();
after(() => driver.dispose());
journalContract(driver);
repositoryContract(driver);
