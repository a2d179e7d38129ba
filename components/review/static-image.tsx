import { getImageProps, type ImageProps } from 'next/image';
import { preload } from 'react-dom';

/**
 * An uploaded image as a plain server-rendered <img>, with the srcset the media loader gives
 * (lib/media/image-loader.ts). next/image's <Image> is a client component: on reader pages it
 * cost 5.5 KB of gzipped JS and its props in every page's payload, for images that never
 * change after render. `preload` asks the browser for the image early (the poster is the
 * review page's largest paint).
 */
export function StaticImage({ preload: early = false, ...props }: ImageProps) {
  const { props: image } = getImageProps(props);
  if (early && typeof image.src === 'string')
    preload(image.src, {
      as: 'image',
      imageSrcSet: image.srcSet,
      imageSizes: image.sizes,
      fetchPriority: 'high',
    });
  // eslint-disable-next-line @next/next/no-img-element -- the props come from getImageProps
  return <img {...image} alt={props.alt} fetchPriority={early ? 'high' : image.fetchPriority} />;
}
