/** Fault matrix, part 2 of 3 (test/faults/matrix.ts; the operations are in test/faults/operations.ts). */
import { faultMatrix } from './matrix';

faultMatrix(1, 3);
