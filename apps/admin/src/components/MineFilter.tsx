import { BooleanInput } from 'react-admin';

/** "Mes structures": only the records of the structures and regions the user holds a role on (API `mine`). */
export const mineFilter = <BooleanInput key="mine" source="mine" label="app.filter.mine" alwaysOn />;
