import { Redirect } from 'expo-router';
import { useAuth } from '../src/auth/AuthContext';
import { Loading } from '../src/components/States';

export default function Index() {
  const { restoring, token } = useAuth();
  if (restoring) return <Loading />;
  return <Redirect href={token ? '/home' : '/login'} />;
}
