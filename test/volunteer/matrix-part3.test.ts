/** Volunteer-edit matrix, part 3 of 3 (test/volunteer/matrix.ts). */
import { volunteerMatrix } from './matrix';

volunteerMatrix(2, 3);
