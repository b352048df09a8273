import type { PracticeContext } from './actor';
import type { Role } from './permissions';

/** Who is acting on a signed-in page or server action, in which practice, with what role. */
export type StaffContext = PracticeContext & {
  role: Role;
  userId: string;
  sessionId: string;
  userName: string;
  practiceName: string;
};
