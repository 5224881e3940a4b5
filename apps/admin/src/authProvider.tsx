/**
 * Development login: pick a test user, no password. Pro Santé Connect will replace this whole file
 * (provider and login page), so nothing else in the app knows how people sign in.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { Alert, Box, Button, CardContent, TextField, Typography } from '@mui/material';
import LocalHospitalIcon from '@mui/icons-material/LocalHospital';
import { type AuthProvider, HttpError, Login, useLogin, useNotify, useTranslate } from 'react-admin';
import { API_URL, httpClient } from './dataProvider';
import type { CurrentUser, DevUser } from './types';

const AUTH_URL = `${API_URL}/auth`;

// checkAuth runs on every navigation: ask the API once per session, not once per page.
let currentUser: Promise<CurrentUser> | undefined;

const fetchCurrentUser = () => {
  currentUser ??= httpClient(`${AUTH_URL}/me`).then(
    ({ json }) => json as CurrentUser,
    (error: unknown) => {
      currentUser = undefined;
      throw error;
    },
  );
  return currentUser;
};

export const authProvider: AuthProvider = {
  login: async ({ username }: { username: string }) => {
    currentUser = undefined;
    await httpClient(`${AUTH_URL}/login`, { method: 'POST', body: JSON.stringify({ username }) });
  },
  logout: async () => {
    currentUser = undefined;
    // An expired session answers 401 here: the user is logged out either way.
    await httpClient(`${AUTH_URL}/logout`, { method: 'POST' }).catch(() => undefined);
  },
  checkAuth: async () => {
    await fetchCurrentUser();
  },
  checkError: async (error: unknown) => {
    if (error instanceof HttpError && error.status === 401) {
      currentUser = undefined;
      throw error;
    }
  },
  getIdentity: async () => {
    const { id, fullName } = await fetchCurrentUser();
    return { id, fullName };
  },
};

const DevLoginForm = () => {
  const translate = useTranslate();
  const login = useLogin();
  const notify = useNotify();
  const [users, setUsers] = useState<DevUser[]>();
  const [username, setUsername] = useState('');
  const [loadError, setLoadError] = useState(false);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    let active = true;
    httpClient(`${AUTH_URL}/dev-users`).then(
      ({ json }) => active && setUsers(json as DevUser[]),
      () => active && setLoadError(true),
    );
    return () => {
      active = false;
    };
  }, []);
  // The first user is preselected until another is chosen.
  const selected = username || users?.[0]?.id || '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    login({ username: selected }).catch((error: Error) => {
      setSubmitting(false);
      notify(error.message || 'app.login.failed', { type: 'error' });
    });
  };

  return (
    <CardContent component="form" onSubmit={submit} sx={{ width: 420, maxWidth: '100%' }}>
      <Typography component="h1" variant="h5" gutterBottom>
        {translate('app.login.title')}
      </Typography>
      <Alert severity="info" sx={{ mb: 2 }}>
        {translate('app.login.dev_notice')}
      </Alert>
      {loadError && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {translate('app.login.users_unavailable')}
        </Alert>
      )}
      <TextField
        select
        fullWidth
        id="dev-user"
        label={translate('app.login.user')}
        value={selected}
        onChange={(event) => setUsername(event.target.value)}
        disabled={!users?.length}
        helperText={translate('app.login.user_helper')}
        slotProps={{ select: { native: true } }}
      >
        {users?.map((user) => (
          <option key={user.id} value={user.id}>
            {`${user.fullName} — ${user.role} (${user.id})`}
          </option>
        ))}
      </TextField>
      <Box sx={{ mt: 2 }}>
        <Button type="submit" variant="contained" fullWidth disabled={!selected || submitting}>
          {translate('app.login.submit')}
        </Button>
      </Box>
    </CardContent>
  );
};

export const LoginPage = () => (
  <Login avatarIcon={<LocalHospitalIcon />}>
    <DevLoginForm />
  </Login>
);
