import type { ReactNode } from 'react';
import { Alert, List, ListItem, ListItemButton, ListItemIcon, ListItemText } from '@mui/material';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import ApartmentIcon from '@mui/icons-material/Apartment';
import MedicalServicesIcon from '@mui/icons-material/MedicalServices';
import PlaceIcon from '@mui/icons-material/Place';
import { useQuery } from '@tanstack/react-query';
import { LinkBase, Loading, useCreatePath, useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import type { RorDataProvider } from '../dataProvider';
import type { OrganizationKind, OrganizationTreeNode, ShowChildProps } from '../types';
import { CompletenessChip } from './Completeness';

const kindIcons: Record<OrganizationKind, ReactNode> = {
  EJ: <AccountBalanceIcon />,
  EG: <ApartmentIcon />,
  OI: <AccountTreeIcon />,
};

interface TreeItemProps {
  resource: string;
  id: string;
  icon: ReactNode;
  primary: string;
  secondary?: string | null;
  selected?: boolean;
  badge?: ReactNode;
  /** Nested items, rendered as a sub-list so the hierarchy is in the markup, not only in the indent. */
  children?: ReactNode;
}

const TreeItem = ({ resource, id, icon, primary, secondary, selected, badge, children }: TreeItemProps) => {
  const createPath = useCreatePath();
  return (
    <ListItem disablePadding sx={{ display: 'block' }}>
      <ListItemButton
        component={LinkBase}
        to={createPath({ resource, id, type: 'show' })}
        selected={selected}
        aria-current={selected ? 'page' : undefined}
      >
        <ListItemIcon>{icon}</ListItemIcon>
        <ListItemText primary={primary} secondary={secondary} />
        {badge}
      </ListItemButton>
      {children && (
        <List disablePadding dense sx={{ pl: 4 }}>
          {children}
        </List>
      )}
    </ListItem>
  );
};

const OrganizationNode = ({ node, currentId }: { node: OrganizationTreeNode; currentId: string }) => {
  const translate = useTranslate();
  const nested = node.healthcareServices.length > 0 || node.children.length > 0;
  return (
    <TreeItem
      resource="organizations"
      id={node.id}
      icon={kindIcons[node.kind]}
      primary={node.name}
      secondary={[translate(`app.organization.kind.${node.kind}`), node.finess && `FINESS ${node.finess}`]
        .filter(Boolean)
        .join(' · ')}
      selected={node.id === currentId}
    >
      {nested && (
        <>
          {node.healthcareServices.map((service) => (
            <TreeItem
              key={service.id}
              resource="healthcare-services"
              id={service.id}
              icon={<MedicalServicesIcon />}
              primary={service.name}
              secondary={service.identifier}
              badge={<CompletenessChip complete={service.complete} />}
            >
              {service.locations.length > 0 &&
                service.locations.map((location) => (
                  <TreeItem
                    key={location.id}
                    resource="locations"
                    id={location.id}
                    icon={<PlaceIcon />}
                    primary={location.name}
                  />
                ))}
            </TreeItem>
          ))}
          {node.children.map((child) => (
            <OrganizationNode key={child.id} node={child} currentId={currentId} />
          ))}
        </>
      )}
    </TreeItem>
  );
};

/** The whole EJ → EG → OI → offers → places tree around the current organization. */
export const OrganizationTree = (_props: ShowChildProps) => {
  const translate = useTranslate();
  const record = useRecordContext();
  const dataProvider = useDataProvider<RorDataProvider>();
  const id = record?.id == null ? undefined : String(record.id);
  const { data, isPending, isError } = useQuery({
    queryKey: ['organizations', 'tree', id],
    queryFn: () => dataProvider.getOrganizationTree(id as string),
    enabled: id != null,
  });
  if (id == null || isPending) return <Loading />;
  if (isError) return <Alert severity="error">{translate('app.tree.error')}</Alert>;
  return (
    <nav aria-label={translate('app.section.tree')}>
      <List dense>
        <OrganizationNode node={data} currentId={id} />
      </List>
    </nav>
  );
};
