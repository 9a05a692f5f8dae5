/** Volunteer-edit matrix, part 1 of 3 (test/volunteer/matrix.ts). */
import { volunteerMatrix } from './matrix';

volunteerMatrix(0, 3);
