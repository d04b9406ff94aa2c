import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { RouterLinks } from '../app/routerLinks';

/**
 * Render `element` for the route `routePath` at the address `path`; any navigation away lands on
 * a probe that shows the new address (`getByTestId('location')`).
 */
export function renderAt(path: string, routePath: string, element: ReactElement) {
  return render(
    <MemoryRouter initialEntries={[path]}>
      <RouterLinks>
        <Routes>
          <Route path={routePath} element={element} />
          <Route path="*" element={<LocationProbe />} />
        </Routes>
      </RouterLinks>
    </MemoryRouter>,
  );
}

function LocationProbe() {
  const location = useLocation();
  return <p data-testid="location">{location.pathname + location.search}</p>;
}
