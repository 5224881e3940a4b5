import { Card, CardContent, Stack, Typography } from '@mui/material';
import {
  AddItemButton,
  ArrayInput,
  SimpleFormIterator,
  TextInput,
  required,
  useFieldValue,
  useTranslate,
} from 'react-admin';
import type { Coding, ShowChildProps } from '../types';
import { CodingInput } from './CodingInput';
import { codingText } from './CodingField';

interface Telecom {
  channel?: Coding | null;
  value?: string | null;
  usage?: string | null;
  confidentiality?: Coding | null;
}

interface Contact {
  name?: string | null;
  function?: Coding | null;
  nature?: Coding | null;
  description?: string | null;
  confidentiality?: Coding | null;
  telecoms?: Telecom[] | null;
}

// Nested sources would resolve to `resources.<resource>.fields.contacts.name`, which clashes with the
// `contacts` label itself: the shared labels live under `app.contact` / `app.telecom`.
export const ContactsInput = () => (
  <ArrayInput source="contacts">
    <SimpleFormIterator disableReordering addButton={<AddItemButton label="app.contact.add" />}>
      <TextInput source="name" label="app.contact.name" />
      <CodingInput source="function" attribute="contacts.function" label="app.contact.function" />
      <CodingInput source="nature" attribute="contacts.nature" label="app.contact.nature" />
      <TextInput source="description" label="app.contact.description" multiline />
      <CodingInput
        source="confidentiality"
        attribute="contacts.confidentiality"
        label="app.contact.confidentiality"
        validate={required()}
      />
      <ArrayInput source="telecoms" label="app.contact.telecoms">
        <SimpleFormIterator inline disableReordering addButton={<AddItemButton label="app.telecom.add" />}>
          <CodingInput
            source="channel"
            attribute="telecoms.channel"
            label="app.telecom.channel"
            validate={required()}
          />
          <TextInput source="value" label="app.telecom.value" validate={required()} />
          <TextInput source="usage" label="app.telecom.usage" />
          <CodingInput
            source="confidentiality"
            attribute="telecoms.confidentiality"
            label="app.telecom.confidentiality"
            validate={required()}
          />
        </SimpleFormIterator>
      </ArrayInput>
    </SimpleFormIterator>
  </ArrayInput>
);

const text = (coding?: Coding | null) => (coding ? codingText(coding) : undefined);

export const ContactsField = (_props: ShowChildProps) => {
  const translate = useTranslate();
  const contacts = (useFieldValue({ source: 'contacts' }) as Contact[] | null | undefined) ?? [];
  if (!contacts.length) return <Typography variant="body2">{translate('app.contact.none')}</Typography>;
  return (
    <Stack spacing={2}>
      {contacts.map((contact, index) => (
        <Card key={index} variant="outlined">
          <CardContent>
            <Typography variant="subtitle1">
              {[contact.name, text(contact.function)].filter(Boolean).join(' — ') || translate('app.contact.name')}
            </Typography>
            <Typography variant="body2" color="text.secondary" gutterBottom>
              {[text(contact.nature), text(contact.confidentiality)].filter(Boolean).join(' · ')}
            </Typography>
            {contact.description && <Typography variant="body2">{contact.description}</Typography>}
            {contact.telecoms?.map((telecom, telecomIndex) => (
              <Typography key={telecomIndex} variant="body2">
                {`${text(telecom.channel) ?? ''} : ${telecom.value ?? ''}`}
                {telecom.usage && ` (${telecom.usage})`}
                {telecom.confidentiality && ` — ${text(telecom.confidentiality)}`}
              </Typography>
            ))}
          </CardContent>
        </Card>
      ))}
    </Stack>
  );
};
