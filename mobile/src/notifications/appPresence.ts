/**
 * Who handles a push right now: the in-app listeners while the app is on screen (and PushHost while
 * it listens for taps), the background task otherwise. Shared by PushHost and the background task,
 * which run in the same JS runtime while the app is alive.
 */
import { AppState } from 'react-native';

let tapHandlers = 0;

/** PushHost calls this while it listens for notification taps; returns the undo. */
export function holdInAppTapHandler(): () => void {
  tapHandlers += 1;
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    tapHandlers -= 1;
  };
}

export function hasInAppTapHandler(): boolean {
  return tapHandlers > 0;
}

/** The app is on screen (a headless run reports 'background' or no state). */
export function isForeground(): boolean {
  return AppState.currentState === 'active';
}
