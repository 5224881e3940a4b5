import { useEffect, useMemo, useRef, useState } from 'react';
import { Autocomplete, TextField } from '@mui/material';
import { FieldTitle, InputHelperText, useGetList, useInput, useTranslate, type Validator } from 'react-admin';
import type { Coding, NomenclatureCode } from '../types';

const SEARCH_DELAY_MS = 300;
const PAGE_SIZE = 25;

interface CommonProps {
  source: string;
  /** Nomenclature attribute, e.g. `healthcare-services.careMode`: only codes of its value set are offered. */
  attribute: string;
  label?: string;
  helperText?: string | false;
  validate?: Validator | Validator[];
  /** Read by react-admin's filter form to pin a filter; unused here. */
  alwaysOn?: boolean;
  /** Shown but not editable (fields an import owns). */
  readOnly?: boolean;
}

interface AutocompleteProps extends CommonProps {
  multiple: boolean;
  /** List filters send the bare code (`careModeCode`), forms the whole coding. */
  valueIsCode: boolean;
}

type Option = Coding & Partial<Pick<NomenclatureCode, 'deprecated'>>;

const optionLabel = (option: Option) => (option.display ? `${option.code} — ${option.display}` : option.code);

const sameCode = (option: Option, value: Option) =>
  option.code === value.code && (!option.system || !value.system || option.system === value.system);

const toCoding = ({ system, code, display }: Option): Coding => ({ system, code, display });

const asArray = <T,>(value: T | T[] | null | undefined): T[] =>
  value == null || value === '' ? [] : Array.isArray(value) ? value : [value];

/** Server errors may target a sub-path (`careMode.code`, `operationalActivities.1`): show the first one. */
const firstMessage = (error: unknown): string | undefined => {
  if (!error || typeof error !== 'object') return undefined;
  if ('message' in error && typeof error.message === 'string' && error.message) return error.message;
  for (const [key, value] of Object.entries(error)) {
    if (key === 'ref') continue; // a DOM node, not an error
    const message = firstMessage(value);
    if (message) return message;
  }
  return undefined;
};

const useDebounced = (value: string) => {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return debounced;
};

/**
 * Nomenclature picker: searches `nomenclatures/codes` on the server (accent-insensitive) as the user
 * types, lists `code — display`, and keeps the coding `{system, code, display}` in the form, so the
 * current value's label shows without any extra request.
 */
const CodingAutocomplete = ({
  source,
  attribute,
  label,
  helperText,
  validate,
  multiple,
  valueIsCode,
  readOnly = false,
}: AutocompleteProps) => {
  const translate = useTranslate();
  const { id, field, fieldState, isRequired } = useInput({ source, validate });
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const q = useDebounced(search).trim();

  // Only query once the list is opened: a form holds a score of these pickers.
  const { data = [], isFetching } = useGetList<NomenclatureCode>(
    'nomenclatures/codes',
    {
      pagination: { page: 1, perPage: PAGE_SIZE },
      sort: { field: 'code', order: 'ASC' },
      filter: q ? { attribute, q } : { attribute },
    },
    // Code tables only change with a nomenclature import: no need to refetch them within minutes.
    { enabled: open, staleTime: 10 * 60_000, placeholderData: (previous) => previous },
  );

  // Bare codes (filters) carry no label: remember the options picked in this session.
  const picked = useRef(new Map<string, Option>());
  // Memoised on the form value: Autocomplete resets the typed text whenever `value` changes identity.
  const selected = useMemo<Option[]>(
    () =>
      asArray<Coding | string>(field.value).map((value) =>
        typeof value === 'string' ? (picked.current.get(value) ?? { system: '', code: value }) : value,
      ),
    [field.value],
  );
  // Selected codes must stay among the options, even when the current search does not return them.
  const options: Option[] = [...data, ...selected.filter((value) => !data.some((option) => sameCode(option, value)))];

  const store = (values: Option[]) => {
    values.forEach((value) => picked.current.set(value.code, value));
    const stored = values.map((value) => (valueIsCode ? value.code : toCoding(value)));
    field.onChange(multiple ? stored : (stored[0] ?? null));
  };

  const errorMessage = fieldState.error ? firstMessage(fieldState.error) : undefined;

  return (
    <Autocomplete<Option, boolean>
      id={id}
      multiple={multiple}
      readOnly={readOnly}
      value={multiple ? selected : (selected[0] ?? null)}
      options={options}
      onChange={(_event, value) => store(asArray(value))}
      onInputChange={(_event, value, reason) => {
        // 'reset' echoes the chosen label back into the box: not a search.
        if (reason !== 'reset') setSearch(value);
      }}
      onBlur={field.onBlur}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      filterOptions={(all) => all}
      getOptionLabel={optionLabel}
      isOptionEqualToValue={sameCode}
      getOptionDisabled={(option) => !valueIsCode && option.deprecated === true}
      renderOption={({ key, ...props }, option) => (
        <li key={key} {...props}>
          {optionLabel(option)}
          {option.deprecated && ` (${translate('app.coding.deprecated')})`}
        </li>
      )}
      loading={isFetching}
      sx={valueIsCode ? { minWidth: 280 } : undefined}
      openText={translate('app.coding.open')}
      closeText={translate('app.coding.close')}
      clearText={translate('app.coding.clear')}
      loadingText={translate('app.coding.loading')}
      noOptionsText={translate('app.coding.no_options')}
      renderInput={(params) => (
        <TextField
          {...params}
          name={field.name}
          label={<FieldTitle label={label} source={source} isRequired={isRequired} />}
          error={fieldState.invalid}
          helperText={<InputHelperText error={errorMessage} helperText={helperText} />}
        />
      )}
    />
  );
};

/** One coded value, stored as a coding object. */
export const CodingInput = (props: CommonProps) => (
  <CodingAutocomplete {...props} multiple={false} valueIsCode={false} />
);

/** Several coded values, stored as an array of coding objects. */
export const CodingArrayInput = (props: CommonProps) => <CodingAutocomplete {...props} multiple valueIsCode={false} />;

/** A list filter on a coded attribute: the API expects the bare code (`careModeCode=28`). */
export const CodingFilter = (props: CommonProps) => <CodingAutocomplete {...props} multiple={false} valueIsCode />;
