import { createContext, useContext } from 'react';
import type { Role } from '../domain/role.js';

/**
 * The signed-in caller's role, so screens can leave out what the role may not do. IAM still decides
 * every call: this only keeps a viewer from being offered buttons that AWS would refuse.
 */
export const CallerRoleContext = createContext<Role | undefined>(undefined);

/** Operators and admins change stages, deployments, keys and usage plans. */
export function useCanOperate(): boolean {
  const role = useContext(CallerRoleContext);
  return role === 'admin' || role === 'operator';
}
