import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  LinearProgress,
  MenuItem,
  Stack,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import {
  BooleanField,
  DataTable,
  DateField,
  FunctionField,
  NumberField,
  SelectField,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  Title,
  useNotify,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { ListPage } from '../components/ListPage';
import { API_URL, httpClient } from '../dataProvider';

interface ImportRun {
  id: string;
  kind: 'finess' | 'rpps';
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'refused' | 'interrupted';
  fileSize: string;
  bytesRead: string;
}

interface Rejection {
  id: string;
  line: number;
  reason: string;
  content: string | null;
}

const kindChoices = [
  { id: 'finess', name: 'app.import.kind.finess' },
  { id: 'rpps', name: 'app.import.kind.rpps' },
];
const statusChoices = ['queued', 'running', 'succeeded', 'failed', 'refused', 'interrupted'].map((id) => ({
  id,
  name: `app.import.status.${id}`,
}));
const inProgress = (run?: ImportRun) => run?.status === 'running' || run?.status === 'queued';

const ImportList = () => (
  <ListPage
    filters={[
      <SelectInput key="kind" source="kind" choices={kindChoices} alwaysOn />,
      <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
    ]}
  >
    <DataTable rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="createdAt">
        <DateField source="createdAt" showTime />
      </DataTable.Col>
      <DataTable.Col source="kind">
        <SelectField source="kind" choices={kindChoices} />
      </DataTable.Col>
      <DataTable.Col source="fileName" />
      <DataTable.Col source="status">
        <SelectField source="status" choices={statusChoices} />
      </DataTable.Col>
      <DataTable.Col source="dryRun" disableSort>
        <BooleanField source="dryRun" />
      </DataTable.Col>
      <DataTable.NumberCol source="created" disableSort />
      <DataTable.NumberCol source="updated" disableSort />
      <DataTable.NumberCol source="closed" disableSort />
      <DataTable.NumberCol source="unchanged" disableSort />
      <DataTable.NumberCol source="rejected" disableSort />
      <DataTable.Col source="startedBy" disableSort />
    </DataTable>
  </ListPage>
);

/** Share of the file read so far, as a bar (the run's row is polled while it runs). */
const Progress = () => {
  const run = useRecordContext<ImportRun>();
  if (!run) return null;
  const size = Number(run.fileSize);
  const percent = inProgress(run) ? (size > 0 ? Math.min(100, (100 * Number(run.bytesRead)) / size) : 0) : 100;
  return (
    <Stack direction="row" spacing={2} sx={{ minWidth: 320, alignItems: 'center' }}>
      <LinearProgress variant="determinate" value={percent} sx={{ flex: 1, height: 8, borderRadius: 4 }} />
      <Typography variant="body2">{Math.floor(percent)} %</Typography>
    </Stack>
  );
};

/** The rejected lines of a run: line number, reason and what the line held. */
const Rejections = () => {
  const run = useRecordContext<ImportRun>();
  const translate = useTranslate();
  const { data } = useQuery({
    queryKey: ['import-rejections', run?.id, run?.status],
    enabled: Boolean(run),
    queryFn: async () =>
      (await httpClient(`${API_URL}/imports/${run!.id}/rejections?range=${encodeURIComponent('[0,199]')}`))
        .json as Rejection[],
  });
  if (!data?.length) return <Typography variant="body2">{translate('app.import.no_rejection')}</Typography>;
  return (
    <Box component="table" sx={{ borderCollapse: 'collapse', '& td, & th': { p: 0.5, textAlign: 'left' } }}>
      <thead>
        <tr>
          <th>{translate('app.import.line')}</th>
          <th>{translate('app.import.reason')}</th>
          <th>{translate('app.import.content')}</th>
        </tr>
      </thead>
      <tbody>
        {data.map((r) => (
          <tr key={r.id}>
            <td>{r.line}</td>
            <td>{r.reason}</td>
            <td>
              <Typography variant="caption" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
                {r.content?.slice(0, 160)}
              </Typography>
            </td>
          </tr>
        ))}
      </tbody>
    </Box>
  );
};

const ImportShow = () => (
  <Show
    queryOptions={{
      // Poll the run while it is in progress, every second.
      refetchInterval: (query) => (inProgress(query.state.data as ImportRun | undefined) ? 1000 : false),
    }}
  >
    <SimpleShowLayout>
      <SelectField source="status" choices={statusChoices} />
      <FunctionField label="app.import.progress" render={() => <Progress />} />
      <SelectField source="kind" choices={kindChoices} />
      <TextField source="format" />
      <TextField source="fileName" />
      <BooleanField source="dryRun" />
      <NumberField source="linesRead" />
      <NumberField source="created" />
      <NumberField source="updated" />
      <NumberField source="closed" />
      <NumberField source="unchanged" />
      <NumberField source="rejected" />
      <TextField source="message" />
      <TextField source="startedBy" />
      <DateField source="startedAt" showTime />
      <DateField source="finishedAt" showTime />
      <FunctionField label="app.import.rejections" render={() => <Rejections />} />
    </SimpleShowLayout>
  </Show>
);

/** Upload form: the file is sent as multipart; the run then goes on in the background. */
const ImportCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const [kind, setKind] = useState<'finess' | 'rpps'>('finess');
  const [dryRun, setDryRun] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    const body = new FormData();
    body.append('kind', kind);
    body.append('dryRun', String(dryRun));
    body.append('file', file);
    setSending(true);
    try {
      const response = await fetch(`${API_URL}/imports`, { method: 'POST', body, credentials: 'include' });
      const json = await response.json();
      if (!response.ok) throw new Error(json.message ?? response.statusText);
      redirect('show', 'imports', json.id);
    } catch (error) {
      notify((error as Error).message, { type: 'error', multiLine: true, autoHideDuration: 15_000 });
    } finally {
      setSending(false);
    }
  };

  return (
    <Card sx={{ mt: 2, maxWidth: 720 }}>
      <Title title="app.import.new" />
      <CardContent component="form" onSubmit={submit}>
        <Stack spacing={2}>
          <Typography variant="body2">{translate('app.import.help')}</Typography>
          <MuiTextField
            select
            label={translate('resources.imports.fields.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as 'finess' | 'rpps')}
          >
            {kindChoices.map((c) => (
              <MenuItem key={c.id} value={c.id}>
                {translate(c.name)}
              </MenuItem>
            ))}
          </MuiTextField>
          <Button variant="outlined" component="label" startIcon={<UploadFileIcon />}>
            {file ? file.name : translate('app.import.choose_file')}
            <input
              hidden
              type="file"
              name="file"
              accept=".csv,.txt,.json"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </Button>
          <FormControlLabel
            control={<Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} />}
            label={translate('app.import.dry_run')}
          />
          <Button type="submit" variant="contained" disabled={!file || sending}>
            {translate('app.import.start')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
};

export default {
  list: ImportList,
  show: ImportShow,
  create: ImportCreate,
  icon: UploadFileIcon,
  recordRepresentation: (run: ImportRun & { fileName: string }) => run.fileName,
};
