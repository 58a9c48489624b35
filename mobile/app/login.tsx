import { Redirect } from 'expo-router';
import { useAuth } from '../src/auth/AuthContext';
import LoginScreen from '../src/screens/LoginScreen';

export default function Login() {
  const { restoring, token } = useAuth();
  if (!restoring && token) return <Redirect href="/home" />;
  return <LoginScreen />;
}
