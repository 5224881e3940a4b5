import { Alert, Button, CardContent, Typography } from '@mui/material';
import LocalHospitalIcon from '@mui/icons-material/LocalHospital';
import { Login, useLocation, useLogin, useTranslate } from 'react-admin';

/** The failures the API reports on `/#/login?error=<code>` (docs/auth-api.md), plus our own `session`. */
const KNOWN_ERRORS = new Set(['acr', 'state', 'idp', 'session']);

interface LoginLocationState {
  nextPathname?: string;
  nextSearch?: string;
}

/** The page react-admin was leaving for the login page, as a path the API may send the browser back to. */
const returnPath = (state: LoginLocationState | undefined) => {
  const path = state?.nextPathname;
  return path && path !== '/' && path !== '/login' ? `/#${path}${state?.nextSearch ?? ''}` : undefined;
};

const PscLoginForm = () => {
  const translate = useTranslate();
  const login = useLogin();
  const location = useLocation();
  const error = new URLSearchParams(location.search).get('error');
  return (
    <CardContent sx={{ width: 440, maxWidth: '100%' }}>
      <Typography component="h1" variant="h5" gutterBottom>
        {translate('app.login.title')}
      </Typography>
      {error && (
        <Alert severity={error === 'session' ? 'warning' : 'error'} sx={{ mb: 2 }} role="alert">
          {translate(`app.login.error.${KNOWN_ERRORS.has(error) ? error : 'other'}`)}
        </Alert>
      )}
      <Typography variant="body2" sx={{ mb: 2 }}>
        {translate('app.login.intro')}
      </Typography>
      <Button
        variant="contained"
        fullWidth
        size="large"
        onClick={() => login({ returnTo: returnPath(location.state as LoginLocationState | undefined) })}
      >
        {translate('app.login.psc')}
      </Button>
    </CardContent>
  );
};

export const LoginPage = () => (
  <Login avatarIcon={<LocalHospitalIcon />}>
    <PscLoginForm />
  </Login>
);
