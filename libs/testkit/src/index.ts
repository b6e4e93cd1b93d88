export { nextValue, waitFor } from './wait.js';
