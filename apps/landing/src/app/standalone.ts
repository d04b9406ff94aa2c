/** Whether the address is the Success page, which main.tsx renders without the router. */
export function isStandaloneSuccessPath(pathname: string): boolean {
  return pathname === '/success' || pathname === '/success/';
}
