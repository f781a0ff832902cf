import { Link } from 'react-router-dom';
import { PageHeader } from '../../components';

export function NotFoundPage() {
  return (
    <>
      <PageHeader title="ページが見つかりません" />
      <p>
        お探しのページはありません。<Link to="/">最初の画面へ戻る</Link>
      </p>
    </>
  );
}
