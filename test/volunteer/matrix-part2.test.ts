/** Volunteer-edit matrix, part 2 of 3 (test/volunteer/matrix.ts). */
import { volunteerMatrix } from './matrix';

volunteerMatrix(1, 3);
