import { createContext, useCallback, useContext, useReducer, type Dispatch, type ReactNode } from 'react';
import { errorMessage } from '../../../shared/text/error-message';
import { appReducer, initialAppState, type AppAction, type AppState } from './app-state';

const StateContext = createContext<AppState | null>(null);
const DispatchContext = createContext<Dispatch<AppAction> | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [state, dispatch] = useReducer(appReducer, initialAppState);
  return (
    <StateContext value={state}>
      <DispatchContext value={dispatch}>{children}</DispatchContext>
    </StateContext>
  );
}

export function useAppState(): AppState {
  const state = useContext(StateContext);
  if (!state) throw new Error('useAppState must be used inside <AppStateProvider>');
  return state;
}

export function useAppDispatch(): Dispatch<AppAction> {
  const dispatch = useContext(DispatchContext);
  if (!dispatch) throw new Error('useAppDispatch must be used inside <AppStateProvider>');
  return dispatch;
}

/** Shows a failed action's message (the error's own text) in the app's error bar. */
export function useShowError(): (error: unknown) => void {
  const dispatch = useAppDispatch();
  return useCallback((error) => dispatch({ type: 'showError', message: errorMessage(error) }), [dispatch]);
}
