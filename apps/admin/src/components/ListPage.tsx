import { List, useResourceContext, type ListProps } from 'react-admin';
import { naturalOrder } from '../dataProvider';

/** Every list page: 25 rows a page, in the resource's natural order. */
export const ListPage = (props: ListProps) => {
  const resource = useResourceContext(props);
  return <List perPage={25} sort={resource ? naturalOrder[resource] : undefined} {...props} />;
};
