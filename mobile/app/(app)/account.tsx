import { Redirect } from 'expo-router';

/** The account screen became the top of Settings: old links and deep links to /account land there. */
export default function AccountRedirect() {
  return <Redirect href="/settings" />;
}
